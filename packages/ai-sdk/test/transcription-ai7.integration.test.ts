import { transcribe } from 'ai7';
import { createGroq } from 'groq-ai7';
import { describeAiSdkTranscription } from './transcription-suite.js';

// ai 7 with @ai-sdk/groq 4 (spec v4 transcription models), installed under aliases, on Node 20.
// ai 7 names it `transcribe` (`experimental_transcribe` is a deprecated alias of it).
describeAiSdkTranscription('AI SDK 7 transcription against the Groq simulator', {
  transcriptionModel: (baseURL, modelId) =>
    createGroq({ apiKey: 'gsk_ai7TestKey', baseURL }).transcription(modelId),
  transcribe: (call) => transcribe(call),
});

import { experimental_transcribe } from 'ai5';
import { createGroq } from 'groq-ai5';
import { describeAiSdkTranscription } from './transcription-suite.js';

// ai 5 with @ai-sdk/groq 2 (spec v2 transcription models), installed under aliases.
describeAiSdkTranscription('AI SDK 5 transcription against the Groq simulator', {
  transcriptionModel: (baseURL, modelId) =>
    createGroq({ apiKey: 'gsk_ai5TestKey', baseURL }).transcription(modelId),
  transcribe: (call) => experimental_transcribe(call),
});

import { createGroq } from '@ai-sdk/groq';
import { experimental_transcribe } from 'ai';
import { describeAiSdkTranscription } from './transcription-suite.js';

describeAiSdkTranscription('AI SDK 6 transcription against the Groq simulator', {
  transcriptionModel: (baseURL, modelId) =>
    createGroq({ apiKey: 'gsk_ai6TestKey', baseURL }).transcription(modelId),
  transcribe: (call) => experimental_transcribe(call),
});

import {
  describeAudioToText,
  describeChatCompletion,
  describeEmbeddings,
  describeSpeech,
  describeUnbilled,
} from '@groqmeter/recorder';
import { describedCall, type ObserveMethod } from './call-observer.js';

/** One SDK method this package instruments. */
export interface InstrumentedMethod {
  /** The resource class under the `Groq` class, e.g. `Groq.Chat.Completions`. */
  classPath: readonly string[];
  /** The resource instance under a client, e.g. `client.chat.completions`. */
  instancePath: readonly string[];
  method: string;
  observe: ObserveMethod;
}

/** Every instrumented groq-sdk method; the SDK has no other billable endpoint (no `responses`). */
export const INSTRUMENTED_METHODS: readonly InstrumentedMethod[] = [
  {
    classPath: ['Chat', 'Completions'],
    instancePath: ['chat', 'completions'],
    method: 'create',
    observe: describedCall(describeChatCompletion),
  },
  {
    classPath: ['Audio', 'Transcriptions'],
    instancePath: ['audio', 'transcriptions'],
    method: 'create',
    observe: describedCall(describeAudioToText('transcription')),
  },
  {
    classPath: ['Audio', 'Translations'],
    instancePath: ['audio', 'translations'],
    method: 'create',
    observe: describedCall(describeAudioToText('translation')),
  },
  {
    classPath: ['Audio', 'Speech'],
    instancePath: ['audio', 'speech'],
    method: 'create',
    observe: describedCall(describeSpeech),
  },
  {
    classPath: ['Embeddings'],
    instancePath: ['embeddings'],
    method: 'create',
    observe: describedCall(describeEmbeddings),
  },
  {
    classPath: ['Batches'],
    instancePath: ['batches'],
    method: 'create',
    observe: describedCall(describeUnbilled('batch')),
  },
  {
    classPath: ['Models'],
    instancePath: ['models'],
    method: 'list',
    observe: describedCall(describeUnbilled('models')),
  },
  {
    classPath: ['Models'],
    instancePath: ['models'],
    method: 'retrieve',
    observe: describedCall(describeUnbilled('models')),
  },
];

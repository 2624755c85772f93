import {
  type DescribeCall,
  describeAudioToText,
  describeChatCompletion,
  describeEmbeddings,
  describeSpeech,
  describeUnbilled,
} from '@groqmeter/recorder';

/** One SDK method this package instruments. */
export interface InstrumentedMethod {
  /** The resource class under the `Groq` class, e.g. `Groq.Chat.Completions`. */
  classPath: readonly string[];
  /** The resource instance under a client, e.g. `client.chat.completions`. */
  instancePath: readonly string[];
  method: string;
  describe: DescribeCall;
}

/** Every instrumented groq-sdk method; the SDK has no other billable endpoint (no `responses`). */
export const INSTRUMENTED_METHODS: readonly InstrumentedMethod[] = [
  {
    classPath: ['Chat', 'Completions'],
    instancePath: ['chat', 'completions'],
    method: 'create',
    describe: describeChatCompletion,
  },
  {
    classPath: ['Audio', 'Transcriptions'],
    instancePath: ['audio', 'transcriptions'],
    method: 'create',
    describe: describeAudioToText('transcription'),
  },
  {
    classPath: ['Audio', 'Translations'],
    instancePath: ['audio', 'translations'],
    method: 'create',
    describe: describeAudioToText('translation'),
  },
  {
    classPath: ['Audio', 'Speech'],
    instancePath: ['audio', 'speech'],
    method: 'create',
    describe: describeSpeech,
  },
  { classPath: ['Embeddings'], instancePath: ['embeddings'], method: 'create', describe: describeEmbeddings },
  {
    classPath: ['Batches'],
    instancePath: ['batches'],
    method: 'create',
    describe: describeUnbilled('batch'),
  },
  { classPath: ['Models'], instancePath: ['models'], method: 'list', describe: describeUnbilled('models') },
  {
    classPath: ['Models'],
    instancePath: ['models'],
    method: 'retrieve',
    describe: describeUnbilled('models'),
  },
];

import * as ai7 from 'ai7';
import { createGroq } from 'groq-ai7';
import {
  describeAiSdkMajor,
  WEATHER_INPUT_SCHEMA,
  type WeatherInput,
  weatherTool,
} from './ai-sdk-major-suite.js';
import { MODEL } from './simulator-calls.js';

// ai 7 (spec v4 models; v3 and v4 middleware) with @ai-sdk/groq 4, installed under aliases. Both
// declare Node >= 22; all of this runs on Node 20.
describeAiSdkMajor('AI SDK 7 middleware against the Groq simulator', {
  ai: ai7,
  groqModel: (baseURL) => createGroq({ apiKey: 'gsk_ai7TestKey', baseURL })(MODEL),
  async toolRun(model, prompt) {
    const inputSchema = ai7.jsonSchema<WeatherInput>(WEATHER_INPUT_SCHEMA);
    const tools = { weather: ai7.tool({ ...weatherTool, inputSchema }) };
    const result = await ai7.generateText({ model, prompt, tools, stopWhen: ai7.stepCountIs(3) });
    // ai 7: `usage` is the run's, over all steps (`totalUsage` is deprecated).
    return { steps: result.steps.length, inputTokens: result.usage.inputTokens };
  },
});

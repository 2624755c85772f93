import * as ai5 from 'ai5';
import { createGroq } from 'groq-ai5';
import {
  describeAiSdkMajor,
  WEATHER_INPUT_SCHEMA,
  type WeatherInput,
  weatherTool,
} from './ai-sdk-major-suite.js';
import { MODEL } from './simulator-calls.js';

// ai 5 (spec v2: flat usage, string finish reasons) with @ai-sdk/groq 2, installed under aliases.
describeAiSdkMajor('AI SDK 5 middleware against the Groq simulator', {
  ai: ai5,
  groqModel: (baseURL) => createGroq({ apiKey: 'gsk_ai5TestKey', baseURL })(MODEL),
  async toolRun(model, prompt) {
    const inputSchema = ai5.jsonSchema<WeatherInput>(WEATHER_INPUT_SCHEMA);
    const tools = { weather: ai5.tool({ ...weatherTool, inputSchema }) };
    const result = await ai5.generateText({ model, prompt, tools, stopWhen: ai5.stepCountIs(3) });
    // ai 5: `usage` is the last step's, `totalUsage` the run's.
    return { steps: result.steps.length, inputTokens: result.totalUsage.inputTokens };
  },
});

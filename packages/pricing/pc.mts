import { defaultPriceBook } from '/work/main/packages/pricing/dist/index.js';
console.log(JSON.stringify(defaultPriceBook.price('groq/compound-mini', { inputTokens: 100, outputTokens: 32, toolCalls: { web_search: 1 } }), (k, v) => typeof v === 'bigint' ? String(v) : v));
console.log(JSON.stringify(defaultPriceBook.price('groq/compound', { inputTokens: 100, outputTokens: 32, toolCalls: { visit_website: 1 } }), (k, v) => typeof v === 'bigint' ? String(v) : v));

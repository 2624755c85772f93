/**
 * groqmeter: the one command for people at a terminal, dispatching to the tools of the groqmeter
 * packages (`groqmeter price | exporter | proxy | ledger | simulator ...`).
 */
export { type InstalledTool, locateTool } from './locate-tool.js';
export { type Output, runGroqmeter, usage } from './run-groqmeter.js';
export { TOOLS, type Tool, toolOf } from './tools.js';
export { VERSION } from './version.js';

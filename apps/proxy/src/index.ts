/**
 * @groqmeter/proxy: an OpenAI-compatible pass-through proxy in front of Groq that records every
 * call through the groqmeter recorder, for clients in any language.
 */
export {
  type AdmissionDecision,
  type AdmissionHook,
  type AdmissionRequest,
  FORWARD_EVERYTHING,
} from './admission.js';
export { loadProxyConfig, PROXY_SETTINGS, ProxyConfigError } from './config/load-proxy-config.js';
export { DEFAULT_PROXY_CONFIG, type LogLevel, type ProxyConfig } from './config/proxy-config.js';
export { API_BASE_PATH } from './http/proxy-handler.js';
export { type ProxyOptions, type RunningProxy, startProxy } from './start-proxy.js';
export { apiKeyLabel, KEY_LABEL_ATTRIBUTE } from './telemetry/key-label.js';
export { PROXY_SCOPE_NAME, PROXY_VERSION } from './version.js';

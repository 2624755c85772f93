import { modelNotFound } from './groq-errors';
import type { Exchange } from './http-exchange';
import { modelObject } from './model-catalogue';
import type { SimulatorRuntime } from './runtime';

/** `GET /openai/v1/models`. */
export function handleListModels(exchange: Exchange, runtime: SimulatorRuntime): void {
  exchange.sendJson(200, { object: 'list', data: [...runtime.models.values()].map(modelObject) });
}

/** `GET /openai/v1/models/{id}` (the id may be URL-encoded, as groq-sdk sends it). */
export function handleRetrieveModel(exchange: Exchange, runtime: SimulatorRuntime, id: string): void {
  const model = runtime.models.get(id);
  if (!model) {
    exchange.fail(modelNotFound(id));
    return;
  }
  exchange.model = model.id;
  exchange.sendJson(200, modelObject(model));
}

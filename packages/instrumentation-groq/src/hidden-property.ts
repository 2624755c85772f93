/**
 * Install `value` as an own, non-enumerable property: it shadows the prototype's method without
 * showing up when the object is logged, spread or serialised.
 */
export function defineHiddenProperty(target: object, name: PropertyKey, value: unknown): void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false });
}

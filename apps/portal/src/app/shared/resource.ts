import { Resource, Signal, computed } from '@angular/core';

/** A resource's value, or undefined while loading or after an error (reading `value()` in the error state throws). */
export function current<T>(r: Resource<T>): Signal<T | undefined> {
  return computed(() => (r.hasValue() ? r.value() : undefined));
}

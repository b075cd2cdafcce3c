/**
 * `Promise.withResolvers` arrived in Node 22; aws-local-stepfunctions calls it
 * for every Task state. On Node 20 this installs the standard behaviour
 * (https://tc39.es/proposal-promise-with-resolvers/); elsewhere it does nothing.
 */
export function installPromiseWithResolvers(): void {
  if (typeof (Promise as { withResolvers?: unknown }).withResolvers === 'function') return;
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

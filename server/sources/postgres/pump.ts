/**
 * Turns a producer that must stay inside a callback (postgres.js transactions are callbacks)
 * into an async generator, one item at a time.
 *
 * Contract: `emit(item)` resolves when the consumer asks for the next item, with `true`, or with
 * `false` once the consumer has stopped (break, return, throw); the producer should then return.
 * The producer only runs while the generator is being consumed, never more than one item ahead,
 * and the generator does not finish (also on early exit) until the producer has settled, so
 * whatever the producer holds (a pooled connection) is released before the consumer moves on.
 * A producer error is thrown to the consumer unless the consumer had already stopped.
 */
type Step<T> =
  | { kind: "item"; item: T; resume: (more: boolean) => void }
  | { kind: "done" }
  | { kind: "error"; error: unknown };

export async function* pump<T>(produce: (emit: (item: T) => Promise<boolean>) => Promise<void>): AsyncGenerator<T, void, undefined> {
  let stopped = false;
  let deliver: (step: Step<T>) => void = () => {};
  const nextStep = () => new Promise<Step<T>>((resolve) => (deliver = resolve));

  let pending = nextStep();
  const emit = (item: T) =>
    new Promise<boolean>((resume) => (stopped ? resume(false) : deliver({ kind: "item", item, resume })));
  const finished = produce(emit).then(
    () => deliver({ kind: "done" }),
    (error: unknown) => deliver({ kind: "error", error }),
  );

  let resumeProducer: ((more: boolean) => void) | undefined;
  try {
    for (;;) {
      const step = await pending;
      pending = nextStep();
      if (step.kind === "done") return;
      if (step.kind === "error") throw step.error;
      resumeProducer = step.resume;
      yield step.item;
      resumeProducer = undefined;
      step.resume(true);
    }
  } finally {
    stopped = true;
    resumeProducer?.(false);
    await finished;
  }
}

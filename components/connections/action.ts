/**
 * A mutation as the connection forms use it: its state, and how to run it. The forms stay
 * unaware of which tRPC procedure (source or destination) sits behind them.
 */
type MutationState<Result> = {
  data: Result | undefined;
  isPending: boolean;
  isSuccess: boolean;
  error: { message: string } | null;
  reset: () => void;
};

export type Action<Args extends unknown[], Result = unknown> = {
  result: Result | undefined;
  pending: boolean;
  done: boolean;
  error: { message: string } | null;
  reset: () => void;
  run: (...args: Args) => void;
};

export function actionOf<Result, Args extends unknown[]>(
  mutation: MutationState<Result>,
  run: (...args: Args) => void,
): Action<Args, Result> {
  return {
    result: mutation.data,
    pending: mutation.isPending,
    done: mutation.isSuccess,
    error: mutation.error,
    reset: mutation.reset,
    run,
  };
}

import type { AppRouter } from '@nautilus/core/router';
import type { AnySubscriptionProcedure, inferRouterInputs, inferRouterOutputs } from '@trpc/server';

// Every type here is read from the server's router: nothing is copied, so a changed procedure breaks callers at compile time.
type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
type Procedures = AppRouter['_def']['record'];

type Area = keyof Procedures & string;
type PathIn<A extends Area, Wanted> = {
  [V in keyof Procedures[A] & string]: Procedures[A][V] extends AnySubscriptionProcedure
    ? Wanted extends 'subscription'
      ? `${A}.${V}`
      : never
    : Wanted extends 'subscription'
      ? never
      : `${A}.${V}`;
}[keyof Procedures[A] & string];

/** A query or mutation, `area.verb`, served at `/api/v1/{area}/{verb}`. */
export type ProcedurePath = { [A in Area]: PathIn<A, 'call'> }[Area];
/** A subscription, `area.verb`, served as server-sent events. */
export type SubscriptionPath = { [A in Area]: PathIn<A, 'subscription'> }[Area];

type Split<P extends string> = P extends `${infer A}.${infer V}` ? [A, V] : never;
type Lookup<Table, P extends string> =
  Split<P> extends [infer A, infer V]
    ? A extends keyof Table
      ? V extends keyof Table[A]
        ? Table[A][V]
        : never
      : never
    : never;

/** What `path` takes. */
export type InputOf<P extends ProcedurePath | SubscriptionPath> = Lookup<Inputs, P>;
/** What `path` answers, as JSON. */
export type OutputOf<P extends ProcedurePath> = Lookup<Outputs, P>;
/** One event of the subscription `path`. */
export type EventOf<P extends SubscriptionPath> = Lookup<Outputs, P> extends AsyncIterable<infer Event> ? Event : never;

/** The arguments after `path`: the input is optional when the procedure takes none or only optional fields. */
export type InputArgs<P extends ProcedurePath | SubscriptionPath> =
  undefined extends InputOf<P> ? [input?: InputOf<P>] : [input: InputOf<P>];

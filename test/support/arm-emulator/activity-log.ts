import { isRecord } from './examples.js';

// The activity log's `$filter`: clauses `<field> <op> '<value>'` joined by `and`. ARM requires the start
// time (`eventTimestamp ge`); the emulator does too, and refuses clauses it does not evaluate rather than
// ignoring them, so a caller's filter is never silently widened.

/** Filtered events, or why the filter was refused (ARM answers 400). */
export type ActivityLogResult =
  | { readonly kind: 'ok'; readonly events: readonly unknown[] }
  | { readonly kind: 'bad-filter'; readonly message: string };

type Test = (event: Record<string, unknown>) => boolean;

const CLAUSE = /^\s*([A-Za-z]+)\s+(eq|ge|gt|le|lt)\s+'([^']*)'\s*$/i;

function text(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function providerOf(event: Record<string, unknown>): string {
  const provider = event.resourceProviderName;
  return isRecord(provider) ? text(provider.value) : text(provider);
}

function timeClause(op: string, value: string): Test | string {
  const bound = Date.parse(value);
  if (Number.isNaN(bound)) return `'${value}' is not a date-time.`;
  const at = (event: Record<string, unknown>) =>
    Date.parse(typeof event.eventTimestamp === 'string' ? event.eventTimestamp : '');
  switch (op) {
    case 'ge':
      return (event) => at(event) >= bound;
    case 'gt':
      return (event) => at(event) > bound;
    case 'le':
      return (event) => at(event) <= bound;
    case 'lt':
      return (event) => at(event) < bound;
    default:
      return `eventTimestamp does not support '${op}'.`;
  }
}

function equalityClause(field: string, value: string): Test | string {
  const wanted = value.toLowerCase();
  switch (field) {
    case 'resourceuri':
    case 'resourceid':
      return (event) => text(event.resourceId) === wanted;
    case 'resourcegroupname':
      return (event) => text(event.resourceGroupName) === wanted;
    case 'resourceprovider':
      return (event) => providerOf(event) === wanted;
    case 'correlationid':
      return (event) => text(event.correlationId) === wanted;
    default:
      return `the emulator does not evaluate '${field}' in $filter.`;
  }
}

/**
 * Applies an activity log `$filter` (eventTimestamp ge/gt/le/lt; resourceUri, resourceId, resourceGroupName,
 * resourceProvider, correlationId eq, case-insensitive) and sorts the events newest first, as ARM does.
 */
export function filterActivityLog(events: readonly unknown[], filter: string | undefined): ActivityLogResult {
  if (filter === undefined || filter.trim() === '') {
    return {
      kind: 'bad-filter',
      message: "The $filter query parameter is required and must include 'eventTimestamp ge'.",
    };
  }
  const tests: Test[] = [];
  let hasStart = false;
  for (const clause of filter.split(/\s+and\s+/i)) {
    const match = CLAUSE.exec(clause);
    if (match === null) return { kind: 'bad-filter', message: `The $filter clause '${clause.trim()}' is not valid.` };
    const field = (match[1] ?? '').toLowerCase();
    const op = (match[2] ?? '').toLowerCase();
    const value = match[3] ?? '';
    if (field === 'eventtimestamp' && (op === 'ge' || op === 'gt')) hasStart = true;
    const test =
      field === 'eventtimestamp'
        ? timeClause(op, value)
        : op === 'eq'
          ? equalityClause(field, value)
          : `'${field}' supports only 'eq'.`;
    if (typeof test === 'string') return { kind: 'bad-filter', message: `Invalid $filter: ${test}` };
    tests.push(test);
  }
  if (!hasStart) return { kind: 'bad-filter', message: "The $filter must include 'eventTimestamp ge'." };
  const matching = events.filter((event) => isRecord(event) && tests.every((test) => test(event)));
  const time = (event: unknown) =>
    isRecord(event) && typeof event.eventTimestamp === 'string' ? Date.parse(event.eventTimestamp) : 0;
  return { kind: 'ok', events: matching.sort((a, b) => time(b) - time(a)) };
}

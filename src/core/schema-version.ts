/** The report schema's version; kept apart from the zod schema so writing a report does not load zod. */
export const SCHEMA_VERSION = 1;

import { err, type InputError, inputError, ok, type Result } from '../result.js';

/** What the offline import accepts, for messages. */
export const AZURE_JSON_EXPECTED =
  'JSON saved from `az vm show -d`, `az network nic show`, `az network nic list-effective-nsg`, `az network nsg show`, `az network public-ip show`, `az network lb show` or `az network watcher test-ip-flow`';

/** Where JSON text stops being complete: inside a string, or with objects/arrays still open. */
function unfinished(text: string): string | null {
  const open: string[] = [];
  let inString = false;
  let escaped = false;
  for (const char of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '{' || char === '[') open.push(char);
    else if (char === '}' || char === ']') open.pop();
  }
  if (inString) return 'inside a string';
  if (open.length > 0) return `with ${open.length} ${open.length === 1 ? 'bracket' : 'brackets'} still open`;
  return null;
}

/** Azure CLI error text (`ERROR: (AuthorizationFailed) The client …`) saved instead of JSON. */
function cliErrorText(text: string): { code: string; message: string } | null {
  const match = /^\s*(?:ERROR:\s*)?\((\w+)\)\s*(.+)$/m.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  return { code: match[1], message: match[2].trim() };
}

/**
 * Parses a file's text as JSON without throwing. The error says whether the file is empty, truncated (a
 * copy or download cut short) or otherwise malformed. Azure CLI error text (`ERROR: (Code) message`)
 * becomes the ARM error body `{ error: { code, message } }` it reports.
 */
export function parseAzureJsonText(text: string, input: string): Result<unknown, InputError> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return err(inputError(input, `${input} is empty; expected ${AZURE_JSON_EXPECTED}.`));
  try {
    return ok(JSON.parse(body) as unknown);
  } catch (cause) {
    // `az … > file.json` keeps only stdout, but `2>&1` or a copy from the terminal keeps the error text:
    // treat it as the ARM error body it stands for.
    const cli = cliErrorText(body);
    if (cli !== null) return ok({ error: cli });
    const where = unfinished(body);
    if (where !== null) {
      return err(
        inputError(
          input,
          `${input} is truncated: the JSON ends ${where} after ${body.length} characters (was the copy or download cut short?); expected ${AZURE_JSON_EXPECTED}.`,
        ),
      );
    }
    const detail = cause instanceof Error ? cause.message : String(cause);
    return err(inputError(input, `${input} is not valid JSON (${detail}); expected ${AZURE_JSON_EXPECTED}.`));
  }
}

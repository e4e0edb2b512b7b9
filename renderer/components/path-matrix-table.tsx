import { pathMatrix } from '../../src/core/format/path-matrix.js';
import type { CheckResult } from '../../src/core/report-schema.js';
import { CHECK_STATUS_TEXT } from './check-list.js';

/**
 * The paths side by side when more than one was probed (direct and each proxy found): a column per path,
 * a row per check, built by the CLI's `pathMatrix`. Nothing when only one path was probed.
 */
export function PathMatrixTable({ checks }: { readonly checks: readonly CheckResult[] }) {
  const matrix = pathMatrix(checks);
  if (matrix === null) return null;
  return (
    <div className="path-matrix">
      <table aria-labelledby="path-matrix-caption">
        <caption id="path-matrix-caption">Paths side by side</caption>
        <thead>
          <tr>
            <th scope="col">Check</th>
            {matrix.paths.map((path) => (
              <th scope="col" key={path}>
                {path}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.id}</th>
              {row.cells.map((status, i) => (
                <td key={matrix.paths[i]} data-status={status ?? 'not-run'}>
                  {status === null ? 'Not run' : CHECK_STATUS_TEXT[status]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Small building blocks on NL Design System (Utrecht) components: the CSS classes of
// @utrecht/component-library-css, themed by the voorbeeld design tokens.
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { CombinedError } from "urql";
import { describeError } from "./errors";

export function Heading({ level, children, id }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const;
  return <Tag id={id} className={`utrecht-heading-${level}`}>{children}</Tag>;
}

// Section is one titled part of a page, labelled by its heading (data-testid section-<id>).
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} data-testid={`section-${id}`}>
      <h2 className="utrecht-heading-2" id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function P({ children, lead }: { children: ReactNode; lead?: boolean }) {
  return <p className={lead ? "utrecht-paragraph utrecht-paragraph--lead" : "utrecht-paragraph"}>{children}</p>;
}

export function AppLink({ to, children }: { to: string; children: ReactNode }) {
  return <Link className="utrecht-link" to={to}>{children}</Link>;
}

// Loading shows that a long query is on its way (an indeterminate progress bar with its label).
export function Loading({ label = "Bezig met laden…" }: { label?: string }) {
  return (
    <div className="samenspel-loading" role="status" aria-live="polite">
      <progress aria-label={label} />
      <span>{label}</span>
    </div>
  );
}

export function Alert({ type = "info", children }: { type?: "info" | "warning" | "error" | "ok"; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === "error" ? "alert" : "status"}>
      <div className="utrecht-alert__content"><div className="utrecht-alert__message">{children}</div></div>
    </div>
  );
}

export function ErrorMessage({ error }: { error?: CombinedError | Error }) {
  if (!error) return null;
  return <Alert type="error">{describeError(error)}</Alert>;
}

export function Button({ children, onClick, type = "button", appearance = "primary-action-button", disabled }: {
  children: ReactNode; onClick?: () => void; type?: "button" | "submit"; appearance?: "primary-action-button" | "secondary-action-button" | "subtle-button"; disabled?: boolean;
}) {
  return (
    <button type={type} className={`utrecht-button utrecht-button--${appearance}`} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}

// Table renders rows with a caption (for screen readers and for the reader of a printed page).
export function Table<T>({ caption, columns, rows, rowKey }: {
  caption: string;
  columns: { header: string; cell: (row: T) => ReactNode; numeric?: boolean }[];
  rows: T[];
  rowKey: (row: T, i: number) => string;
}) {
  return (
    <table className="utrecht-table utrecht-table--html-table">
      <caption className="utrecht-table__caption">{caption}</caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          {columns.map((c) => (
            <th key={c.header} scope="col" className={`utrecht-table__header-cell${c.numeric ? " utrecht-table__header-cell--numeric" : ""}`}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {rows.map((r, i) => (
          <tr key={rowKey(r, i)} className="utrecht-table__row">
            {columns.map((c) => (
              <td key={c.header} className={`utrecht-table__cell${c.numeric ? " utrecht-table__cell--numeric" : ""}`}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FormField({ id, label, error, description, children }: {
  id: string; label: string; error?: string; description?: string; children: ReactNode;
}) {
  return (
    <div className={`utrecht-form-field${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>{label}</label>
      </div>
      {description && <div className="utrecht-form-field-description" id={`${id}-description`}>{description}</div>}
      {error && <div className="utrecht-form-field-error-message" id={`${id}-error`} role="alert">{error}</div>}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  );
}

export const fmt = {
  pct: (x: number) => `${Math.round(x * 100)} %`,
  num: (x: number, digits = 2) => x.toLocaleString("nl-NL", { maximumFractionDigits: digits }),
  date: (d: string) => new Date(d + "T00:00:00").toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" }),
};

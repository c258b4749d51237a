import { fmt } from "./ui";
import { today } from "./url";

export const firstYear = 2016;

// dateOfYear: the slider's years are 1 January of each year; the last one is today.
export function dateOfYear(y: number): string {
  return y >= new Date().getFullYear() ? today() : `${y}-01-01`;
}

// DateSlider picks a date by year, from 2016 (the oldest CBS table in the default data) to today;
// arrow keys move a year, Home and End jump to the ends. Screen readers hear the full date.
export function DateSlider({ value, onChange, id = "jaar" }: { value: string; onChange: (d: string) => void; id?: string }) {
  const year = Number(value.slice(0, 4));
  return (
    <div className="utrecht-form-field">
      <label className="utrecht-form-label" htmlFor={id}>Datum: {fmt.date(value)}</label>
      <input id={id} type="range" min={firstYear} max={new Date().getFullYear()} step={1} value={year}
        aria-valuetext={fmt.date(value)} onChange={(e) => onChange(dateOfYear(Number(e.target.value)))} />
    </div>
  );
}

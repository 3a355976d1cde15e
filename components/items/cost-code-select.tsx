import { Select } from "@/components/forms/fields";

export type CostCodeOption = { id: string; code: string; name: string };

export function CostCodeSelect({
  value,
  onChange,
  options,
  id,
  label,
}: {
  value: string;
  onChange: (id: string) => void;
  options: CostCodeOption[];
  id: string;
  label: string;
}) {
  return (
    <Select id={id} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a cost code…</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.code} {o.name}
        </option>
      ))}
    </Select>
  );
}

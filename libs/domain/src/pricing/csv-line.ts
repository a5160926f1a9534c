/** Splits one CSV record; double-quoted fields may contain commas and "" for a quote. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field.trim() === '') { quoted = true; field = ''; }
    else if (ch === ',') { fields.push(field.trim()); field = ''; }
    else field += ch;
  }
  if (quoted) return null;
  fields.push(field.trim());
  return fields;
}

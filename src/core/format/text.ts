/**
 * Lower-cases only the first letter, so a title can sit mid-sentence; an acronym ("RDP", "VM", "NSG")
 * stays as it is.
 */
export function lowerFirst(text: string): string {
  const [first = '', second = ''] = text;
  if (first === '' || (second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()))
    return text;
  return first.toLowerCase() + text.slice(1);
}

/** Lower-cases only the first letter, so a title can sit mid-sentence without mangling "RDP" or "VM". */
export function lowerFirst(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLowerCase() + text.slice(1);
}

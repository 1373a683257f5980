/**
 * The longest finding message kept. Messages quote what the input says (a name, an annotation, a device), and the
 * input is not bounded: a pod whose networks annotation held 10 MB printed a 10 MB finding (issue 25). Real messages
 * are a line or two; the cut says how much was left out.
 */
export const MAX_FINDING_MESSAGE = 2_000;

export function boundMessage(message: string): string {
  if (message.length <= MAX_FINDING_MESSAGE) return message;
  const rest = message.length - MAX_FINDING_MESSAGE;
  return `${message.slice(0, MAX_FINDING_MESSAGE)}… (${rest.toLocaleString("en")} more characters)`;
}

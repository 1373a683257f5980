/** Sizes of the matrix, in CSS pixels: text sits in them at 11–12 px, never scaled. */
export const ROW_HEIGHT = 28;
export const HOST_COLUMN = 240;
export const NETWORK_COLUMN = 44;

export const cellKey = (host: string, network: string) => `${host} ${network}`;

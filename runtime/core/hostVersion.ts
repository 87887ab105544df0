/** The Functions host version this port reproduces, as the real host reports it. */
export const HOST_VERSION = '4.1037.0.23568';

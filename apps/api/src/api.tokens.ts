/** Injection token of the API process's validated configuration. */
export const API_CONFIG = Symbol('API_CONFIG');

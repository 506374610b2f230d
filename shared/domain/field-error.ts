/**
 * What is wrong with one field of what a person sent: the checks of the domain and the use cases say
 * it, the API answers it in a problem's `errors` (shared/http/responses.ts).
 */
export interface FieldError {
  /** Dotted path into the request body, e.g. `client.postcode` or `intake.domains.2.need`. */
  path: string;
  message: string;
}

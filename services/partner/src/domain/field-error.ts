/** A problem with one input field; `field` is a dotted path such as "body.references.2.email". */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The text formats the spec accepts and the model parses, each written once (test/written-once.test.ts). */

/** An IPv4 block in CIDR notation, e.g. 10.74.0.0/16 (octets and length are range-checked by ipaddr.js). */
export const CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;

/** A Kubernetes quantity as this project writes them: a number and an optional unit (500m, 2, 512Mi). */
export const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|Ki|Mi|Gi|Ti)?$/;

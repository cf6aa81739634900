// Types of scripts/schema-validators.mjs for the test that imports it.
export declare const GENERATED: string;
export declare function validatorsSource(root?: string): string;
export declare function writeValidators(root?: string): boolean;

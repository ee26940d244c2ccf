export function prerequisiteProblems(options?: { needJava?: boolean }): string[];
export function exitOnProblems(problems: string[]): void;

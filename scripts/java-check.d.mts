export function javaMajorVersion(): number | undefined;
export function javaProblem(): string | undefined;

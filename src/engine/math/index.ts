// The engine's elementary functions, computed from + − × ÷, √, comparisons and bit access only
// (all exactly specified by ECMAScript), so every JavaScript engine returns the same bits. Engine code
// must use these instead of Math.exp/log/sin/…/pow/hypot (Math.sqrt/abs/floor/min/max are exact).

export { exp, expm1 } from './exp';
export { log, log1p, log2, log10 } from './log';
export { sin, cos, tan } from './trig';
export { atan, atan2, asin, acos } from './inverse';
export { sinh, cosh, tanh, asinh, acosh, atanh } from './hyperbolic';
export { pow } from './pow';
export { cbrt } from './cbrt';
export { hypot } from './hypot';

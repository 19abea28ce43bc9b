export { gram, crossGram, gramDense, matTVec, matVec, dot } from './gram';
export { choleskyInPlace, choleskySolveInPlace, solveCholeskyTikhonov, tikhonovShift } from './cholesky';
export { symmetricEigen, symmetricEigenvalues, solvePinv, conditionNumber, conditionFromEigenvalues } from './eigen';
export { estimateConditionNumber } from './conditionEstimate';
export { solveLstsq } from './lstsq';

export { gram, crossGram, gramDense, matTVec, matVec, dot } from './gram';
export { choleskyInPlace, choleskySolveInPlace, solveCholeskyTikhonov, tikhonovShift } from './cholesky';
export { symmetricEigen, symmetricEigenvalues, solvePinv, conditionNumber } from './eigen';
export { solveLstsq } from './lstsq';

/**
 * Unconstrained minimisation (BFGS with a backtracking line search) and the
 * curvature at the optimum, for maximum-likelihood fits on a log-parameter scale.
 */

/** Returns f(θ) and writes ∇f(θ) into `gradient`. May return a non-finite value off-domain. */
export type Objective = (theta: readonly number[], gradient: number[]) => number;

export interface MinimizeOptions {
  maxIterations?: number;
  /** Converged when every gradient component is at most this in absolute value. */
  gradientTolerance?: number;
  /** Largest change of any coordinate in one step (on a log scale, a factor e^maxStep). */
  maxStep?: number;
}

export interface MinimizeResult {
  theta: number[];
  value: number;
  gradient: number[];
  iterations: number;
  converged: boolean;
}

const ARMIJO = 1e-4;

/** Minimises `objective` from `start` by BFGS on the inverse Hessian. */
export function minimizeBfgs(objective: Objective, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxStep = options.maxStep ?? 2;
  const n = start.length;
  let theta = start.slice();
  let gradient = new Array<number>(n).fill(0);
  let value = objective(theta, gradient);
  if (!Number.isFinite(value) || !gradient.every(Number.isFinite)) {
    return { theta, value, gradient, iterations: 0, converged: false };
  }
  let inverse = identity(n);
  let scaled = false;
  let iterations = 0;
  let stalled = false;
  while (iterations < maxIterations && maxAbs(gradient) > tolerance) {
    iterations++;
    let direction = multiply(inverse, gradient).map((v) => -v);
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Lost positive definiteness through rounding: restart from steepest descent.
      inverse = identity(n);
      scaled = false;
      direction = gradient.map((v) => -v);
      slope = dot(gradient, direction);
    }
    const longest = maxAbs(direction);
    if (longest > maxStep) {
      direction = direction.map((v) => (v * maxStep) / longest);
      slope = dot(gradient, direction);
    }
    const step = lineSearch(objective, theta, value, slope, direction);
    if (step === null) {
      stalled = true;
      break;
    }
    const s = direction.map((v) => v * step.alpha);
    const y = step.gradient.map((v, i) => v - gradient[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        // Start the curvature model at the scale of the first observed step.
        inverse = identity(n).map((row) => row.map((v) => (v * sy) / dot(y, y)));
        scaled = true;
      }
      inverse = bfgsUpdate(inverse, s, y, sy);
    }
    const previous = value;
    theta = step.theta;
    value = step.value;
    gradient = step.gradient;
    if (Math.abs(previous - value) <= 1e-16 * Math.abs(value) && maxAbs(s) < 1e-12) {
      stalled = true;
      break;
    }
  }
  const norm = maxAbs(gradient);
  // A stall at machine precision with a near-zero gradient is an optimum, not a failure.
  const converged = norm <= tolerance || (stalled && norm <= 1e3 * tolerance);
  return { theta, value, gradient, iterations, converged };
}

interface Step {
  alpha: number;
  theta: number[];
  value: number;
  gradient: number[];
}

function lineSearch(
  objective: Objective,
  theta: readonly number[],
  value: number,
  slope: number,
  direction: readonly number[],
): Step | null {
  let alpha = 1;
  const gradient = new Array<number>(theta.length).fill(0);
  for (let attempt = 0; attempt < 60; attempt++) {
    const trial = theta.map((v, i) => v + alpha * direction[i]);
    const trialValue = objective(trial, gradient);
    if (Number.isFinite(trialValue) && gradient.every(Number.isFinite) && trialValue <= value + ARMIJO * alpha * slope) {
      return { alpha, theta: trial, value: trialValue, gradient: gradient.slice() };
    }
    // Minimiser of the quadratic through f(0), f'(0) and f(alpha), kept within [0.1, 0.5] alpha.
    let next = 0.5 * alpha;
    if (Number.isFinite(trialValue)) {
      const curvature = trialValue - value - slope * alpha;
      if (curvature > 0) next = Math.min(0.5 * alpha, Math.max(0.1 * alpha, (-slope * alpha * alpha) / (2 * curvature)));
    }
    alpha = next;
    if (alpha < 1e-20) break;
  }
  return null;
}

function bfgsUpdate(h: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const hy = multiply(h, y);
  const yhy = dot(y, hy);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([]);
    for (let j = 0; j < n; j++) {
      out[i].push(h[i][j] - (hy[i] * s[j] + s[i] * hy[j]) / sy + ((1 + yhy / sy) * s[i] * s[j]) / sy);
    }
  }
  return out;
}

/**
 * Hessian by central differences of an analytic gradient, symmetrised.
 * `step` is absolute; on a log-parameter scale it is a relative step.
 */
export function numericalHessian(objective: Objective, theta: readonly number[], step = 1e-4): number[][] {
  const n = theta.length;
  const hessian: number[][] = [];
  const plus = new Array<number>(n).fill(0);
  const minus = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const up = theta.slice();
    const down = theta.slice();
    up[i] += step;
    down[i] -= step;
    objective(up, plus);
    objective(down, minus);
    hessian.push(plus.map((v, j) => (v - minus[j]) / (2 * step)));
  }
  return hessian.map((row, i) => row.map((v, j) => (v + hessian[j][i]) / 2));
}

/** Inverse of a symmetric positive definite matrix by Cholesky, or null if it is not positive definite. */
export function invertPositiveDefinite(matrix: readonly (readonly number[])[]): number[][] | null {
  const n = matrix.length;
  const lower: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i][i] = Math.sqrt(sum);
      } else {
        lower[i][j] = sum / lower[j][j];
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let col = 0; col < n; col++) {
    const z = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let sum = i === col ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= lower[i][k] * z[k];
      z[i] = sum / lower[i][i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = z[i];
      for (let k = i + 1; k < n; k++) sum -= lower[k][i] * inverse[k][col];
      inverse[i][col] = sum / lower[i][i];
    }
  }
  return inverse;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function multiply(m: number[][], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v));
}

function dot(u: readonly number[], v: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i] * v[i];
  return sum;
}

function maxAbs(v: readonly number[]): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  return max;
}

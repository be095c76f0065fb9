const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const MIN_LOG = -708;

/**
 * P(D_n ≤ x) by the Pelz–Good (1976) expansion K0 + K1/√n + K2/n + K3/n^1.5 in z = x√n, each
 * term written with Jacobi theta series that converge fast for small z (SciPy's
 * _kolmogn_PelzGood).
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  const terms = thetaTerms(z, Math.exp(qlog), maxk);
  const q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k >= 1; k--) {
    const ksq = k * k;
    const qpower = Math.pow(q, ksq);
    k2extra += ksq * qpower;
    k3extra += (SQRT3 * z + Math.PI * k) * (SQRT3 * z - Math.PI * k) * ksq * qpower;
  }
  terms[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z ** 3);
  terms[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z ** 6);
  return terms[0] + terms[1] / Math.sqrt(n) + terms[2] / n + terms[3] / Math.pow(n, 1.5);
}

function thetaTerms(z: number, q: number, maxk: number): number[] {
  const [z2, z4, z6] = [z ** 2, z ** 4, z ** 6];
  const k1 = [-z2, PI2 / 4];
  const k2 = [6 * z6 + 2 * z4, ((2 * z4 - 5 * z2) * PI2) / 4, (PI4 * (1 - 2 * z2)) / 16];
  const k3 = [-30 * z6 - 90 * z ** 8, (PI2 * (135 * z4 - 96 * z6)) / 4, (PI4 * (-60 * z2 + 212 * z4)) / 16];
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const sums = [0, 0, 0, 0];
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const [m2, m4, m6] = [m ** 2, m ** 4, m ** 6];
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1[0] + k1[1] * m2, k2[0] + k2[1] * m2 + k2[2] * m4, k3[0] + k3[1] * m2 + k3[2] * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) sums[i] = sums[i] * qpower + coeffs[i];
  }
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  return sums.map((sum, i) => (sum * q * SQRT_2PI) / denominators[i]);
}

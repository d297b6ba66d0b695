/**
 * The M/M/c queue in steady state (Erlang C). Used to validate the simulator and by
 * `sim plan` tests; see e.g. Gross & Harris, Fundamentals of Queueing Theory, ch. 2.
 */
export interface ErlangC {
  /** Server utilisation rho = lambda / (c mu). */
  readonly utilization: number;
  /** Probability an arrival waits, C(c, a) with a = lambda / mu. */
  readonly pWait: number;
  /** Mean wait in queue Wq = C / (c mu - lambda), seconds. */
  readonly waitMeanS: number;
  /** Mean time in system W = Wq + 1/mu, seconds. */
  readonly sojournMeanS: number;
  /** Mean number waiting Lq = lambda Wq (Little's law). */
  readonly queueMean: number;
  /** Mean number in system L = lambda W. */
  readonly inSystemMean: number;
  /** P(Wq > t) = C e^{-(c mu - lambda) t}. */
  waitExceeds(tS: number): number;
  /** The q-quantile of the wait (0 when q <= 1 - C). */
  waitQuantileS(q: number): number;
}

export function erlangC(arrivalRatePerS: number, serviceRatePerS: number, servers: number): ErlangC {
  const a = arrivalRatePerS / serviceRatePerS;
  const rho = a / servers;
  if (!(rho < 1)) throw new RangeError(`M/M/c is unstable at utilisation ${rho} (needs < 1)`);
  // Erlang B by its stable recurrence B(k) = a B(k-1) / (k + a B(k-1)), then C from B.
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  const pWait = b / (1 - rho * (1 - b));
  const drain = servers * serviceRatePerS - arrivalRatePerS;
  const waitMeanS = pWait / drain;
  const sojournMeanS = waitMeanS + 1 / serviceRatePerS;
  return {
    utilization: rho,
    pWait,
    waitMeanS,
    sojournMeanS,
    queueMean: arrivalRatePerS * waitMeanS,
    inSystemMean: arrivalRatePerS * sojournMeanS,
    waitExceeds: (t) => pWait * Math.exp(-drain * t),
    waitQuantileS: (q) => (q <= 1 - pWait ? 0 : Math.log(pWait / (1 - q)) / drain),
  };
}

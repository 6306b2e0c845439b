/*
 * nbody.c — f64 arithmetic and sqrt: a gravitational N-body system (one heavy
 * central mass and a few light bodies on near-circular orbits) integrated
 * with the semi-implicit Euler method, energy reported before and after.
 */
#include <math.h>

#include "bench.h"

enum { NBODIES = 9 };

typedef struct {
  double x[NBODIES], y[NBODIES], z[NBODIES];
  double vx[NBODIES], vy[NBODIES], vz[NBODIES];
  double mass[NBODIES];
} system_t;

/* G = 1 units: a star of mass 1000 and planets at radii 1..8. */
static void make_system(system_t *s, bench_rng *rng) {
  s->x[0] = s->y[0] = s->z[0] = 0;
  s->vx[0] = s->vy[0] = s->vz[0] = 0;
  s->mass[0] = 1000.0;
  for (int i = 1; i < NBODIES; i++) {
    double r = i + 0.5 * bench_unit(rng);
    double angle = 6.283185307179586 * bench_unit(rng);
    /* A cheap polynomial stands in for cos/sin: any libm would be a
       difference between the native and wasm builds. */
    double c = 1 - angle * angle / 2 + angle * angle * angle * angle / 24;
    double sn = angle - angle * angle * angle / 6;
    double norm = sqrt(c * c + sn * sn);
    c /= norm;
    sn /= norm;
    double speed = sqrt(s->mass[0] / r);
    s->x[i] = r * c;
    s->y[i] = r * sn;
    s->z[i] = 0.05 * (bench_unit(rng) - 0.5);
    s->vx[i] = -speed * sn;
    s->vy[i] = speed * c;
    s->vz[i] = 0.01 * (bench_unit(rng) - 0.5);
    s->mass[i] = 0.01 + 0.1 * bench_unit(rng);
  }
  /* Move to the centre-of-momentum frame so the system does not drift. */
  double px = 0, py = 0, pz = 0, m = 0;
  for (int i = 0; i < NBODIES; i++) {
    px += s->vx[i] * s->mass[i];
    py += s->vy[i] * s->mass[i];
    pz += s->vz[i] * s->mass[i];
    m += s->mass[i];
  }
  for (int i = 0; i < NBODIES; i++) {
    s->vx[i] -= px / m;
    s->vy[i] -= py / m;
    s->vz[i] -= pz / m;
  }
}

static double energy(const system_t *s) {
  double e = 0;
  for (int i = 0; i < NBODIES; i++) {
    e += 0.5 * s->mass[i] * (s->vx[i] * s->vx[i] + s->vy[i] * s->vy[i] + s->vz[i] * s->vz[i]);
    for (int j = i + 1; j < NBODIES; j++) {
      double dx = s->x[i] - s->x[j], dy = s->y[i] - s->y[j], dz = s->z[i] - s->z[j];
      e -= s->mass[i] * s->mass[j] / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void step(system_t *s, double dt) {
  for (int i = 0; i < NBODIES; i++) {
    for (int j = i + 1; j < NBODIES; j++) {
      double dx = s->x[i] - s->x[j], dy = s->y[i] - s->y[j], dz = s->z[i] - s->z[j];
      double d2 = dx * dx + dy * dy + dz * dz;
      double mag = dt / (d2 * sqrt(d2));
      double mi = s->mass[i] * mag, mj = s->mass[j] * mag;
      s->vx[i] -= dx * mj;
      s->vy[i] -= dy * mj;
      s->vz[i] -= dz * mj;
      s->vx[j] += dx * mi;
      s->vy[j] += dy * mi;
      s->vz[j] += dz * mi;
    }
  }
  for (int i = 0; i < NBODIES; i++) {
    s->x[i] += dt * s->vx[i];
    s->y[i] += dt * s->vy[i];
    s->z[i] += dt * s->vz[i];
  }
}

int main(int argc, char **argv) {
  int32_t steps = bench_scale(argc, argv, 1400000);
  bench_rng rng = {2024};
  system_t s;
  make_system(&s, &rng);
  double e0 = energy(&s);
  printf("energy before: %.9f\n", e0);
  for (int32_t i = 0; i < steps; i++) step(&s, 0.0001);
  double e1 = energy(&s);
  printf("energy after:  %.9f\n", e1);
  uint64_t h = bench_mix_f64(bench_mix_f64(0, e0), e1);
  for (int i = 0; i < NBODIES; i++) h = bench_mix_f64(bench_mix_f64(h, s.x[i]), s.vy[i]);
  bench_report("nbody", h);
  return 0;
}

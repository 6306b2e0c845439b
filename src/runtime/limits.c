/*
 * limits.c — a store's resource limits: fuel, interruption (on request or
 * at a deadline) and size limits. The interpreter enforces fuel and
 * interruption with the checks the translator places when the engine asks
 * for them (docs/interpreter.md); memory.c and table.c the size limits.
 */
#include "runtime/rt_internal.h"

#include <stdio.h>
#include <time.h>

/* ---- fuel ------------------------------------------------------------------------ */

static bool fuel_enabled(const cwasi_store *s) { return s && s->engine->config.consume_fuel; }

cwasi_status cwasi_store_set_fuel(cwasi_store *store, uint64_t fuel) {
  if (!fuel_enabled(store)) return CWASI_ERR_ARG;
  if (fuel > INT64_MAX) fuel = INT64_MAX;
  uint64_t consumed = store->fuel_given - (uint64_t)store->fuel;
  store->fuel = (int64_t)fuel;
  store->fuel_given = consumed + fuel;
  return CWASI_OK;
}

cwasi_status cwasi_store_add_fuel(cwasi_store *store, uint64_t fuel) {
  if (!fuel_enabled(store)) return CWASI_ERR_ARG;
  uint64_t room = (uint64_t)INT64_MAX - (uint64_t)store->fuel;
  if (fuel > room) fuel = room;
  store->fuel += (int64_t)fuel;
  store->fuel_given += fuel;
  return CWASI_OK;
}

cwasi_status cwasi_store_get_fuel(const cwasi_store *store, uint64_t *remaining) {
  if (!fuel_enabled(store) || !remaining) return CWASI_ERR_ARG;
  *remaining = (uint64_t)store->fuel;
  return CWASI_OK;
}

cwasi_status cwasi_store_fuel_consumed(const cwasi_store *store, uint64_t *consumed) {
  if (!fuel_enabled(store) || !consumed) return CWASI_ERR_ARG;
  *consumed = store->fuel_given - (uint64_t)store->fuel;
  return CWASI_OK;
}

/* ---- interruption ------------------------------------------------------------------ */

static uint64_t monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void cwasi_format_duration(uint64_t ns, char *buf, size_t buflen) {
  static const struct {
    uint64_t ns;
    const char *unit;
  } units[] = {{60000000000u, "m"}, {1000000000u, "s"}, {1000000u, "ms"}, {1000u, "us"}};
  if (!buf || !buflen) return;
  for (size_t i = 0; i < CW_ARRAY_LEN(units); i++) {
    if (ns && ns % units[i].ns == 0) {
      snprintf(buf, buflen, "%llu%s", (unsigned long long)(ns / units[i].ns), units[i].unit);
      return;
    }
  }
  snprintf(buf, buflen, "%lluns", (unsigned long long)ns);
}

static bool interrupt_enabled(const cwasi_store *s) { return s && s->engine->config.interruptible; }

cwasi_status cwasi_store_interrupt(cwasi_store *store) {
  if (!interrupt_enabled(store)) return CWASI_ERR_ARG;
  /* Never downgrades a timeout to a plain request (its message says more). */
  uint32_t none = RT_INTERRUPT_NONE;
  atomic_compare_exchange_strong(&store->interrupt, &none, RT_INTERRUPT_REQUESTED);
  return CWASI_OK;
}

/* The timer thread: sleeps until the armed deadline (re-reading it
 * whenever woken: re-armed, disarmed or told to quit), then marks the
 * store interrupted once. */
static void *timer_main(void *arg) {
  cwasi_store *s = arg;
  rt_timer *t = &s->timer;
  pthread_mutex_lock(&t->lock);
  while (!t->quit) {
    if (!t->deadline) {
      pthread_cond_wait(&t->wake, &t->lock);
      continue;
    }
    if (monotonic_ns() >= t->deadline) {
      atomic_store(&s->interrupt, RT_INTERRUPT_TIMEOUT);
      t->deadline = 0;
      continue;
    }
    struct timespec ts = {.tv_sec = (time_t)(t->deadline / 1000000000u),
                          .tv_nsec = (long)(t->deadline % 1000000000u)};
    pthread_cond_timedwait(&t->wake, &t->lock, &ts);
  }
  pthread_mutex_unlock(&t->lock);
  return NULL;
}

static cwasi_status timer_start(cwasi_store *s) {
  rt_timer *t = &s->timer;
  pthread_condattr_t attr;
  if (pthread_condattr_init(&attr) != 0) return CWASI_ERR_NOMEM;
  bool ok = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC) == 0 &&
            pthread_cond_init(&t->wake, &attr) == 0;
  pthread_condattr_destroy(&attr);
  if (!ok) return CWASI_ERR_NOMEM;
  if (pthread_mutex_init(&t->lock, NULL) != 0) {
    pthread_cond_destroy(&t->wake);
    return CWASI_ERR_NOMEM;
  }
  t->quit = false;
  t->deadline = 0;
  if (pthread_create(&t->thread, NULL, timer_main, s) != 0) {
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->wake);
    return CWASI_ERR_NOMEM;
  }
  t->started = true;
  return CWASI_OK;
}

void rt_timer_stop(cwasi_store *s) {
  rt_timer *t = &s->timer;
  if (!t->started) return;
  pthread_mutex_lock(&t->lock);
  t->quit = true;
  pthread_cond_signal(&t->wake);
  pthread_mutex_unlock(&t->lock);
  pthread_join(t->thread, NULL);
  pthread_mutex_destroy(&t->lock);
  pthread_cond_destroy(&t->wake);
  t->started = false;
}

cwasi_status cwasi_store_set_timeout(cwasi_store *store, uint64_t timeout_ns) {
  if (!interrupt_enabled(store)) return CWASI_ERR_ARG;
  rt_timer *t = &store->timer;
  if (!t->started && timeout_ns) {
    cwasi_status st = timer_start(store);
    if (st != CWASI_OK) return st;
  }
  if (t->started) pthread_mutex_lock(&t->lock);
  atomic_store(&store->interrupt, RT_INTERRUPT_NONE);
  uint64_t now = monotonic_ns();
  t->deadline = !timeout_ns ? 0 : timeout_ns > UINT64_MAX - now ? UINT64_MAX : now + timeout_ns;
  t->timeout_ns = timeout_ns;
  if (t->started) {
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
  }
  return CWASI_OK;
}

uint64_t cwasi_store_timeout_remaining(const cwasi_store *store) {
  if (!interrupt_enabled(store)) return UINT64_MAX;
  if (atomic_load(&store->interrupt) != RT_INTERRUPT_NONE) return 0;
  rt_timer *t = (rt_timer *)&store->timer;
  if (!t->started) return UINT64_MAX;
  pthread_mutex_lock(&t->lock);
  uint64_t deadline = t->deadline;
  pthread_mutex_unlock(&t->lock);
  if (!deadline) return UINT64_MAX;
  uint64_t now = monotonic_ns();
  return deadline > now ? deadline - now : 0;
}

void rt_interrupt_message(cwasi_store *s, uint32_t why, char *buf, size_t buflen) {
  if (why == RT_INTERRUPT_TIMEOUT) {
    char d[32];
    uint64_t ns = s->timer.timeout_ns;
    if (s->timer.started) { /* another thread may be re-arming it */
      pthread_mutex_lock(&s->timer.lock);
      ns = s->timer.timeout_ns;
      pthread_mutex_unlock(&s->timer.lock);
    }
    cwasi_format_duration(ns, d, sizeof d);
    snprintf(buf, buflen, "%s: timeout of %s reached", cwasi_trap_message(CWASI_TRAP_INTERRUPT), d);
  } else {
    snprintf(buf, buflen, "%s", cwasi_trap_message(CWASI_TRAP_INTERRUPT));
  }
}

uint32_t rt_interrupt_take(cwasi_store *s) {
  /* A request is consumed by its trap; a passed deadline stays until the
   * store is re-armed, so later calls stop at once too. */
  uint32_t why = atomic_load(&s->interrupt);
  if (why == RT_INTERRUPT_REQUESTED) {
    uint32_t expected = why;
    atomic_compare_exchange_strong(&s->interrupt, &expected, RT_INTERRUPT_NONE);
  }
  return why;
}

cwasi_status cwasi_store_check_interrupt(cwasi_store *store, cwasi_error *err) {
  if (!interrupt_enabled(store)) return CWASI_OK;
  uint32_t why = RT_INTERRUPT_NONE;
  if (atomic_load(&store->interrupt) != RT_INTERRUPT_NONE) {
    why = rt_interrupt_take(store);
  } else if (store->timer.started && cwasi_store_timeout_remaining(store) == 0) {
    /* The deadline passed but the timer thread has not run yet. */
    atomic_store(&store->interrupt, RT_INTERRUPT_TIMEOUT);
    why = RT_INTERRUPT_TIMEOUT;
  }
  if (why == RT_INTERRUPT_NONE) return CWASI_OK;
  char msg[128];
  rt_interrupt_message(store, why, msg, sizeof msg);
  cw_trap(err, CWASI_TRAP_INTERRUPT, NULL);
  if (err) snprintf(err->message, sizeof err->message, "%s", msg);
  return CWASI_ERR_TRAP;
}

/* ---- size limits --------------------------------------------------------------------- */

void cwasi_store_limits_init(cwasi_store_limits *limits) {
  if (!limits) return;
  limits->max_memory_bytes = CWASI_UNLIMITED;
  limits->max_table_elements = CWASI_UNLIMITED;
}

void cwasi_store_set_limits(cwasi_store *store, const cwasi_store_limits *limits) {
  if (!store) return;
  if (limits)
    store->limits = *limits;
  else
    cwasi_store_limits_init(&store->limits);
}

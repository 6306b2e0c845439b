/*
 * rt_internal.h — helpers shared by the files of src/runtime/ only.
 * Everything here works on raw limits and slots; the public cwasi_*
 * wrappers add the embedder-facing argument checks.
 */
#ifndef CW_RT_INTERNAL_H
#define CW_RT_INTERNAL_H

#include "runtime/runtime.h"

/* Largest table we agree to allocate; the spec lets an implementation fail
 * table.grow (and instantiation) on resource limits. */
#define RT_TABLE_MAX_ENTRIES 10000000u
/* Pages in a 32-bit address space. */
#define RT_MAX_PAGES 65536u

/* Appends p to l; false on OOM (p is then not owned by the list). */
bool rt_objlist_push(cw_objlist *l, void *p);

/* Drops one reference; frees the module with its code at zero. */
void rt_module_release(cwasi_module *mod);

/* Creates store objects from a module's types and registers them with the
 * store. NULL on OOM (or, for tables, on a resource limit). */
cwasi_memory *rt_memory_new(cwasi_store *s, const cw_limits *lim);
cwasi_table *rt_table_new(cwasi_store *s, cw_valtype elemtype, const cw_limits *lim, cw_slot init);
cwasi_global *rt_global_new(cwasi_store *s, cw_valtype type, bool mut, const cw_slot val[2]);
/* A function of interned type type_id, registered with the store; the
 * caller fills in inst/code/func_index or host_fn/host_env. */
cwasi_func *rt_func_new(cwasi_store *s, uint32_t type_id);

/* Free a single object (called by the store, which owns them). */
void rt_memory_free(cwasi_memory *mem);
void rt_table_free(cwasi_table *t);
void rt_func_free(cwasi_func *f);
void rt_instance_free(cwasi_instance *inst);

#endif

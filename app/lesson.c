/* lesson: discovers lessons, reads and validates lesson.lua, hashes lesson content. */
#include "lesson.h"
#include "luabox.h"
#include "util.h"

#include <dirent.h>
#include <lauxlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- reading lesson.lua */

static const char *const known_fields[] = {
    "id", "title", "summary", "engine", "file", "hints", "bars", "timeout", "memory_mb", "network", "tags",
    "requires", NULL,
};

typedef struct {
    lua_State *L;
    const char *path;   /* lesson.lua, for messages */
    const char *text;
    kd_lesson *l;
    bool files;         /* also check that the lesson's files exist */
    char *error;
} reader;

static int fail(reader *r, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(reader *r, const char *field, const char *fmt, ...) {
    if (r->error) return -1;
    strbuf sb = {0};
    int line = field ? line_of_key(r->text, field) : 0;
    sb_printf(&sb, "%s:%d: ", r->path, line ? line : 1);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    r->error = sb_steal(&sb);
    return -1;
}

static bool is_known_field(const char *k) {
    for (const char *const *f = known_fields; *f; f++)
        if (!strcmp(*f, k)) return true;
    return false;
}

/* Reads string field `name` of the table on top of the stack. */
static int get_string(reader *r, const char *name, bool required, const char *def, char **out) {
    lua_getfield(r->L, -1, name);
    int t = lua_type(r->L, -1);
    int rc = 0;
    if (t == LUA_TSTRING) *out = xstrdup(lua_tostring(r->L, -1));
    else if (t == LUA_TNIL && !required) *out = def ? xstrdup(def) : NULL;
    else if (t == LUA_TNIL) rc = fail(r, NULL, "missing required field '%s'", name);
    else rc = fail(r, name, "field '%s' must be a string, not a %s", name, lua_typename(r->L, t));
    lua_pop(r->L, 1);
    return rc;
}

static int get_number(reader *r, const char *name, double def, double lo, double hi, double *out) {
    lua_getfield(r->L, -1, name);
    int rc = 0;
    if (lua_isnil(r->L, -1)) *out = def;
    else if (lua_type(r->L, -1) != LUA_TNUMBER) rc = fail(r, name, "field '%s' must be a number", name);
    else {
        *out = lua_tonumber(r->L, -1);
        if (*out < lo || *out > hi) rc = fail(r, name, "field '%s' must be between %g and %g", name, lo, hi);
    }
    lua_pop(r->L, 1);
    return rc;
}

/* requires = { "avx2", "fma" }: CPU features (as /proc/cpuinfo names them) the lesson needs. */
static int read_requires(reader *r) {
    lua_getfield(r->L, -1, "requires");
    int rc = 0;
    if (lua_istable(r->L, -1)) {
        int n = (int)luaL_len(r->L, -1);
        r->l->requires = xcalloc((size_t)n + 1, sizeof(char *));
        for (int i = 1; i <= n && rc == 0; i++) {
            lua_geti(r->L, -1, i);
            if (lua_type(r->L, -1) != LUA_TSTRING) rc = fail(r, "requires", "requires[%d] must be a CPU feature name like \"avx2\"", i);
            else r->l->requires[r->l->n_requires++] = xstrdup(lua_tostring(r->L, -1));
            lua_pop(r->L, 1);
        }
    } else if (!lua_isnil(r->L, -1)) {
        rc = fail(r, "requires", "field 'requires' must be a list of CPU feature names");
    }
    lua_pop(r->L, 1);
    return rc;
}

static int read_hints(reader *r) {
    lua_getfield(r->L, -1, "hints");
    int rc = 0;
    if (lua_istable(r->L, -1)) {
        int n = (int)luaL_len(r->L, -1);
        r->l->hints = xcalloc((size_t)n + 1, sizeof(char *));
        for (int i = 1; i <= n && rc == 0; i++) {
            lua_geti(r->L, -1, i);
            if (lua_type(r->L, -1) != LUA_TSTRING) rc = fail(r, "hints", "hints[%d] must be a string", i);
            else r->l->hints[r->l->n_hints++] = xstrdup(lua_tostring(r->L, -1));
            lua_pop(r->L, 1);
        }
    } else if (!lua_isnil(r->L, -1)) {
        rc = fail(r, "hints", "field 'hints' must be a list of strings");
    }
    lua_pop(r->L, 1);
    return rc;
}

static int read_one_bar(reader *r, kd_bar *b) {
    static const char *const bar_fields[] = {"max_ratio", "against", "what", NULL};
    lua_pushnil(r->L);
    while (lua_next(r->L, -2)) {
        lua_pop(r->L, 1);
        const char *k = lua_type(r->L, -1) == LUA_TSTRING ? lua_tostring(r->L, -1) : "?";
        bool ok = false;
        for (const char *const *f = bar_fields; *f; f++) ok |= !strcmp(*f, k);
        if (!ok) {
            lua_pop(r->L, 1);
            return fail(r, k, "bar '%s': unknown field '%s' (known: max_ratio, against, what)", b->name, k);
        }
    }
    double ratio;
    if (get_number(r, "max_ratio", 0, 1e-6, 1e6, &ratio) < 0) return -1;
    if (ratio == 0) return fail(r, b->name, "bar '%s' needs max_ratio (learner time / against time)", b->name);
    b->max_ratio = ratio;
    if (get_string(r, "against", false, "reference", &b->against) < 0) return -1;
    return get_string(r, "what", false, "", &b->what);
}

static int read_bars(reader *r) {
    lua_getfield(r->L, -1, "bars");
    if (lua_isnil(r->L, -1)) {
        lua_pop(r->L, 1);
        return 0;
    }
    if (!lua_istable(r->L, -1)) {
        lua_pop(r->L, 1);
        return fail(r, "bars", "field 'bars' must be a table of name = { max_ratio = ... }");
    }
    int rc = 0;
    lua_pushnil(r->L);
    while (rc == 0 && lua_next(r->L, -2)) {
        if (lua_type(r->L, -2) != LUA_TSTRING || !lua_istable(r->L, -1)) {
            rc = fail(r, "bars", "each bar must be name = { max_ratio = ..., against = ... }");
            lua_pop(r->L, 1);
            break;
        }
        r->l->bars = xrealloc(r->l->bars, sizeof(kd_bar) * (size_t)(r->l->n_bars + 1));
        kd_bar *b = &r->l->bars[r->l->n_bars++];
        memset(b, 0, sizeof *b);
        b->name = xstrdup(lua_tostring(r->L, -2));
        rc = read_one_bar(r, b);
        lua_pop(r->L, 1);
    }
    if (rc) lua_pop(r->L, 1); /* the key left by the interrupted lua_next */
    lua_pop(r->L, 1);
    return rc;
}

static int check_unknown_fields(reader *r) {
    lua_pushnil(r->L);
    while (lua_next(r->L, -2)) {
        lua_pop(r->L, 1);
        if (lua_type(r->L, -1) != LUA_TSTRING) {
            lua_pop(r->L, 1);
            return fail(r, NULL, "lesson.lua must return a table with named fields only");
        }
        const char *k = lua_tostring(r->L, -1);
        if (!is_known_field(k)) {
            int rc = fail(r, k, "unknown field '%s' (known: id, title, summary, engine, file, hints, bars, "
                                "timeout, memory_mb, network, tags, requires)", k);
            lua_pop(r->L, 1);
            return rc;
        }
    }
    return 0;
}

static int read_fields(reader *r) {
    kd_lesson *l = r->l;
    char *id = NULL;
    if (check_unknown_fields(r) < 0) return -1;
    if (get_string(r, "id", false, NULL, &id) < 0) return -1;
    if (id && strcmp(id, l->id)) {
        int rc = fail(r, "id", "id '%s' does not match the lesson's directory '%s'", id, l->id);
        free(id);
        return rc;
    }
    free(id);
    if (get_string(r, "title", true, NULL, &l->title) < 0) return -1;
    if (get_string(r, "summary", false, "", &l->summary) < 0) return -1;
    if (get_string(r, "engine", false, "c", &l->engine) < 0) return -1;
    if (strcmp(l->engine, "c") && strcmp(l->engine, "cc") && strcmp(l->engine, "cuda"))
        return fail(r, "engine", "engine must be \"c\", \"cc\" or \"cuda\", not \"%s\"", l->engine);
    if (get_string(r, "file", true, NULL, &l->file) < 0) return -1;
    if (strchr(l->file, '/') || l->file[0] == '.')
        return fail(r, "file", "file must be a plain file name like \"sum.c\"");
    double mem;
    if (get_number(r, "timeout", 10, 0.1, 600, &l->timeout) < 0) return -1;
    if (get_number(r, "memory_mb", 512, 16, 65536, &mem) < 0) return -1;
    l->memory_mb = (long)mem;
    lua_getfield(r->L, -1, "network");
    l->network = lua_toboolean(r->L, -1);
    lua_pop(r->L, 1);
    if (read_hints(r) < 0 || read_requires(r) < 0) return -1;
    return read_bars(r);
}

static const char *file_ext(const char *file) {
    const char *dot = strrchr(file, '.');
    return dot ? dot : "";
}

static int check_files(reader *r) {
    kd_lesson *l = r->l;
    const char *need[] = {"README.md", "grade.lua", "starter", "solution", l->n_bars ? "slow" : NULL};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++) {
        if (!need[i]) continue;
        char *p = strchr(need[i], '.') ? lesson_path(l, need[i]) : lesson_variant_path(l, need[i]);
        bool ok = path_exists(p);
        if (!ok) {
            fail(r, NULL, "missing %s%s", strrchr(p, '/') + 1,
                 !strcmp(need[i], "slow") ? " (a lesson with a speed bar needs a correct but slow variant)" : "");
        }
        free(p);
        if (!ok) return -1;
    }
    char *h = lesson_path(l, "harness.c");
    l->has_harness = path_exists(h);
    free(h);
    return 0;
}

/* The table lesson.lua returned may have metamethods that raise (or run out of budget): read it
   in a protected call, or one broken lesson would abort kdojo list and the tutor. */
static int read_table(lua_State *L) {
    reader *r = lua_touserdata(L, 1);
    if (read_fields(r) == 0 && r->files) check_files(r);
    return 0;
}

/* Reads lesson.lua's text into l; with `files`, also checks the lesson's files exist. */
static void parse_metadata(lua_State *L, kd_lesson *l, const char *path, const char *text, size_t len, bool files) {
    reader r = {.L = L, .l = l, .path = path, .text = text, .files = files};
    char *chunk = xasprintf("@%s", path);
    int top = lua_gettop(L);
    luabox_set_budget(L, 1000000);
    bool ok = luabox_load(L, text, len, chunk) == LUA_OK && luabox_pcall(L, 0, 1) == LUA_OK;
    if (ok && !lua_istable(L, -1)) {
        fail(&r, NULL, "lesson.lua must return a table (return { title = ..., file = ... })");
    } else if (ok) {
        lua_pushcfunction(L, read_table);
        lua_pushlightuserdata(L, &r);
        lua_pushvalue(L, -3);
        ok = lua_pcall(L, 2, 0, 0) == LUA_OK;
    }
    if (!ok && !r.error) {
        const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (!msg) msg = "error loading lesson.lua";
        /* Syntax and runtime errors already say "path:line:"; a budget error may not. */
        r.error = strncmp(msg, path, strlen(path)) ? xasprintf("%s:1: %s", path, msg) : xstrdup(msg);
        char *nl = strchr(r.error, '\n');
        if (nl) *nl = 0;
    }
    lua_settop(L, top);
    free(chunk);
    l->error = r.error;
}

static void load_metadata(lua_State *L, kd_lesson *l) {
    char *path = lesson_path(l, "lesson.lua");
    size_t len;
    char *text = read_file(path, &len);
    if (text) parse_metadata(L, l, path, text, len, true);
    else l->error = xasprintf("%s:1: cannot read lesson.lua", path);
    free(text);
    free(path);
}

static void lesson_done(kd_lesson *l);

char *lesson_check_metadata(const char *text, size_t len) {
    lua_State *L = luabox_new(8u << 20, NULL);
    kd_lesson l = {.id = xstrdup("fuzz/00-lesson"), .track = xstrdup("fuzz"), .dir = xstrdup("/nonexistent")};
    /* The reader looks up field lines in the text as a C string. */
    char *copy = xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = 0;
    parse_metadata(L, &l, "lesson.lua", copy, len, false);
    char *err = l.error ? xstrdup(l.error) : NULL;
    free(copy);
    lesson_done(&l);
    luabox_close(L);
    return err;
}

/* ---------------------------------------------------------------- hashing */

static int no_dots(const struct dirent *d) { return d->d_name[0] != '.'; }

static uint64_t hash_dir(const char *dir) {
    struct dirent **names;
    int n = scandir(dir, &names, no_dots, alphasort);
    uint64_t h = FNV1A64_INIT;
    for (int i = 0; i < n; i++) {
        char *p = path_join(dir, names[i]->d_name);
        size_t len;
        char *text = read_file(p, &len);
        h = fnv1a64(names[i]->d_name, strlen(names[i]->d_name) + 1, h);
        if (text) h = fnv1a64(text, len, h);
        free(text);
        free(p);
        free(names[i]);
    }
    if (n >= 0) free(names);
    return h;
}

/* ---------------------------------------------------------------- catalog */

static int only_dirs(const struct dirent *d) {
    return d->d_name[0] != '.' && (d->d_type == DT_DIR || d->d_type == DT_UNKNOWN || d->d_type == DT_LNK);
}

static void finish_loading(kd_lesson *l, lua_State *L) {
    load_metadata(L, l);
    if (!l->title) l->title = xstrdup(strrchr(l->id, '/') + 1);
    if (!l->engine) l->engine = xstrdup("c");
    l->loaded = true;
}

static void add_lesson(kd_catalog *c, lua_State *L, const char *track, const char *track_dir, const char *name) {
    kd_lesson *l = &c->lessons[c->n++];
    memset(l, 0, sizeof *l);
    l->id = xasprintf("%s/%s", track, name);
    l->track = xstrdup(track);
    l->dir = path_join(track_dir, name);
    if (L) finish_loading(l, L);
}

uint64_t lesson_hash(kd_lesson *l) {
    if (!l->hash_known) {
        l->hash = hash_dir(l->dir);
        l->hash_known = true;
    }
    return l->hash;
}

void lesson_load(kd_lesson *l) {
    if (l->loaded) return;
    lua_State *L = luabox_new(8u << 20, NULL);
    finish_loading(l, L);
    luabox_close(L);
}

static void add_track(kd_catalog *c, const char *id, const char *title) {
    for (int i = 0; i < c->n_tracks; i++)
        if (!strcmp(c->tracks[i].id, id)) return;
    c->tracks = xrealloc(c->tracks, sizeof(kd_track) * (size_t)(c->n_tracks + 1));
    c->tracks[c->n_tracks].id = xstrdup(id);
    c->tracks[c->n_tracks].title = xstrdup(title);
    c->n_tracks++;
}

/* lessons/tracks.lua orders the tracks and names them: return { {"tour", "Tour"}, ... } */
static void load_track_order(kd_catalog *c, lua_State *L, const char *lessons_dir) {
    char *path = path_join(lessons_dir, "tracks.lua");
    size_t len;
    char *text = read_file(path, &len);
    if (text && luabox_load(L, text, len, "@tracks.lua") == LUA_OK && luabox_pcall(L, 0, 1) == LUA_OK &&
        lua_istable(L, -1)) {
        /* Raw reads: outside a protected call, a metamethod that raised would be a Lua panic. */
        for (int i = 1; lua_rawgeti(L, -1, i) == LUA_TTABLE; i++) {
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            if (lua_isstring(L, -2) && lua_isstring(L, -1)) add_track(c, lua_tostring(L, -2), lua_tostring(L, -1));
            lua_pop(L, 3);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 0);
    free(text);
    free(path);
}

static int catalog_read(kd_catalog *c, const char *lessons_dir, bool load) {
    memset(c, 0, sizeof *c);
    lua_State *L = luabox_new(8u << 20, NULL);
    load_track_order(c, L, lessons_dir);
    struct dirent **tracks;
    int nt = scandir(lessons_dir, &tracks, only_dirs, alphasort);
    int cap = 0, broken = 0;
    for (int t = 0; t < nt; t++) {
        char *track_dir = path_join(lessons_dir, tracks[t]->d_name);
        struct dirent **names;
        int nl = scandir(track_dir, &names, only_dirs, alphasort);
        if (nl > 0) add_track(c, tracks[t]->d_name, tracks[t]->d_name);
        for (int i = 0; i < nl; i++) {
            if (c->n == cap) {
                cap = cap ? cap * 2 : 64;
                c->lessons = xrealloc(c->lessons, sizeof(kd_lesson) * (size_t)cap);
            }
            add_lesson(c, load ? L : NULL, tracks[t]->d_name, track_dir, names[i]->d_name);
            broken += c->lessons[c->n - 1].error != NULL;
            free(names[i]);
        }
        if (nl >= 0) free(names);
        free(track_dir);
        free(tracks[t]);
    }
    if (nt >= 0) free(tracks);
    luabox_close(L);
    /* Drop tracks named in tracks.lua that have no lessons. */
    int kept = 0;
    for (int i = 0; i < c->n_tracks; i++) {
        bool used = false;
        for (int j = 0; j < c->n && !used; j++) used = !strcmp(c->lessons[j].track, c->tracks[i].id);
        if (used) c->tracks[kept++] = c->tracks[i];
        else {
            free(c->tracks[i].id);
            free(c->tracks[i].title);
        }
    }
    c->n_tracks = kept;
    return broken;
}

int catalog_load(kd_catalog *c, const char *lessons_dir) { return catalog_read(c, lessons_dir, true); }

void catalog_scan(kd_catalog *c, const char *lessons_dir) { catalog_read(c, lessons_dir, false); }

static void lesson_done(kd_lesson *l) {
    free(l->id); free(l->track); free(l->dir); free(l->title); free(l->summary);
    free(l->engine); free(l->file); free(l->error);
    for (int i = 0; i < l->n_hints; i++) free(l->hints[i]);
    free(l->hints);
    for (int i = 0; i < l->n_requires; i++) free(l->requires[i]);
    free(l->requires);
    for (int i = 0; i < l->n_bars; i++) {
        free(l->bars[i].name); free(l->bars[i].against); free(l->bars[i].what);
    }
    free(l->bars);
}

void catalog_done(kd_catalog *c) {
    for (int i = 0; i < c->n; i++) lesson_done(&c->lessons[i]);
    free(c->lessons);
    for (int i = 0; i < c->n_tracks; i++) {
        free(c->tracks[i].id);
        free(c->tracks[i].title);
    }
    free(c->tracks);
    memset(c, 0, sizeof *c);
}

static bool ends_with_part(const char *id, const char *q) {
    size_t a = strlen(id), b = strlen(q);
    if (b > a) return false;
    if (strcmp(id + a - b, q)) return false;
    if (a == b) return true;
    char before = id[a - b - 1];
    /* "traversal-order" matches "mem/03-traversal-order": a whole '/'- or '-'-separated tail. */
    return before == '/' || before == '-';
}

kd_lesson *catalog_find(kd_catalog *c, const char *query, char **err) {
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->lessons[i].id, query)) return &c->lessons[i];
    kd_lesson *found = NULL;
    int matches = 0;
    for (int i = 0; i < c->n; i++) {
        if (ends_with_part(c->lessons[i].id, query)) {
            found = &c->lessons[i];
            matches++;
        }
    }
    if (matches == 1) return found;
    if (matches == 0) *err = xasprintf("no lesson '%s' (kdojo list shows them all)", query);
    else *err = xasprintf("'%s' matches %d lessons; give the full id, e.g. %s", query, matches, found->id);
    return NULL;
}

char *lesson_path(const kd_lesson *l, const char *name) { return path_join(l->dir, name); }

char *lesson_variant_path(const kd_lesson *l, const char *variant) {
    return xasprintf("%s/%s%s", l->dir, variant, file_ext(l->file ? l->file : ".c"));
}

/* The CPU's feature flags, from the first "flags" line of /proc/cpuinfo (x86) or "Features"
   (arm64), padded with spaces so that " name " can be searched for. */
static char *cpu_flags(void) {
    char *info = read_file("/proc/cpuinfo", NULL);
    char *flags = NULL;
    for (char *line = info; line && *line && !flags;) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = 0;
        if (!strncmp(line, "flags", 5) || !strncmp(line, "Features", 8)) {
            char *colon = strchr(line, ':');
            if (colon) flags = xasprintf(" %s ", colon + 1);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(info);
    return flags ? flags : xstrdup(" ");
}

char *lesson_missing_feature(const kd_lesson *l) {
    if (!l->n_requires) return NULL;
    char *flags = cpu_flags(), *missing = NULL;
    for (int i = 0; i < l->n_requires && !missing; i++) {
        char *word = xasprintf(" %s ", l->requires[i]);
        if (!strstr(flags, word)) missing = xstrdup(l->requires[i]);
        free(word);
    }
    free(flags);
    return missing;
}

const kd_bar *lesson_bar(const kd_lesson *l, const char *name) {
    for (int i = 0; i < l->n_bars; i++)
        if (!strcmp(l->bars[i].name, name)) return &l->bars[i];
    return NULL;
}

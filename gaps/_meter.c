/* The hot path of gaps.Meter: tick(k=1) in C.
 *
 * A family calls meter.tick() in its innermost loops, so the call itself must cost
 * no more than a few tens of nanoseconds; a Python method costs about twice that.
 * gaps.meter.Meter subclasses this type and falls back to pure Python when the
 * extension is not built.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    long long steps;
    long long limit;
} TickerObject;

static PyObject *
ticker_tick(TickerObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    long long k = 1;
    if (nargs > 1) {
        PyErr_SetString(PyExc_TypeError, "tick() takes at most one argument (k)");
        return NULL;
    }
    if (nargs == 1) {
        k = PyLong_AsLongLong(args[0]);
        if (k == -1 && PyErr_Occurred()) {
            return NULL;
        }
    }
    self->steps += k;
    if (self->steps > self->limit) {
        /* Past the budget: the Python side raises gaps.BudgetExceeded. */
        return PyObject_CallMethod((PyObject *)self, "_exceeded", NULL);
    }
    Py_RETURN_NONE;
}

static PyMethodDef ticker_methods[] = {
    {"tick", (PyCFunction)(void (*)(void))ticker_tick, METH_FASTCALL,
     "tick(k=1): record k O(1) steps; raise BudgetExceeded past the budget."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef ticker_members[] = {
    {"steps", T_LONGLONG, offsetof(TickerObject, steps), 0, "steps ticked so far"},
    {"_limit", T_LONGLONG, offsetof(TickerObject, limit), 0, "most steps allowed"},
    {NULL, 0, 0, 0, NULL},
};

static int
ticker_init(TickerObject *self, PyObject *args, PyObject *kwds)
{
    self->steps = 0;
    self->limit = LLONG_MAX;
    return 0;
}

static PyTypeObject TickerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gaps._meter.Ticker",
    .tp_basicsize = sizeof(TickerObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Step counter with a budget (the C core of gaps.Meter).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)ticker_init,
    .tp_methods = ticker_methods,
    .tp_members = ticker_members,
};

static struct PyModuleDef meter_module = {
    PyModuleDef_HEAD_INIT, "gaps._meter", "C core of gaps.Meter.", -1, NULL,
};

PyMODINIT_FUNC
PyInit__meter(void)
{
    if (PyType_Ready(&TickerType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&meter_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&TickerType);
    if (PyModule_AddObject(module, "Ticker", (PyObject *)&TickerType) < 0) {
        Py_DECREF(&TickerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

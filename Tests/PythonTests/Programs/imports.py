# Several modules on one import line, with and without aliases, at module level and in a
# function; after a semicolon too. Printed by CPython 3.11.
import math, copy as c
import random, collections as col; import math as m2, copy
print(math.floor(2.5), c.copy([1, 2]), m2.sqrt(16), copy.deepcopy({"a": 1}))
def f():
    import math, collections
    return math.ceil(1.2), collections.Counter("aab")["a"]
print(f(), col.OrderedDict(a=1))
random.seed(3)
print(random.randint(1, 100))

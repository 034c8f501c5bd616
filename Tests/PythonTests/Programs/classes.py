# Python class semantics, checked against CPython 3.11.
class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def describe(self):
        return f"{self.name} is an {self.kind}: {self.speak()}"

    def __repr__(self):
        return f"Animal({self.name!r})"


class Dog(Animal):
    kind = "dog"

    def __init__(self, name, tricks=None):
        super().__init__(name)
        self.tricks = tricks or []

    def speak(self):
        return f"{self.name} barks"

    def __str__(self):
        return f"Dog {self.name}"


class Puppy(Dog):
    def speak(self):
        return super().speak() + " softly"


a, d, p = Animal("generic"), Dog("rex", ["sit"]), Puppy("bit")
print(a, d, p, [a, d])
print(a.describe())
print(d.describe())
print(p.describe())
print(Animal.count, Dog.count, p.count, Puppy.kind, Puppy.__mro__)
print(isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(type(p).__name__, type(p) is Puppy, p.__class__.__name__, Dog.__bases__)
d.kind = "good dog"
print(d.kind, Dog.kind, Animal.kind)
print(getattr(d, "tricks"), hasattr(d, "nope"), getattr(d, "nope", 42))
setattr(d, "age", 3)
print(d.age, vars(d))


class Temperature:
    def __init__(self, celsius=0.0):
        self._celsius = celsius

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @staticmethod
    def scale():
        return "Celsius"

    @classmethod
    def boiling(cls):
        return cls(100.0)


t = Temperature(25)
print(t.celsius, t.fahrenheit, Temperature.scale(), t.scale(), Temperature.boiling().fahrenheit)
t.celsius = 30
print(t.celsius)
try:
    t.celsius = -300
except ValueError as error:
    print("ValueError:", error)
try:
    t.fahrenheit = 5
except AttributeError as error:
    print("AttributeError:", error)


class Vector:
    def __init__(self, *components):
        self.components = list(components)

    def __len__(self):
        return len(self.components)

    def __getitem__(self, index):
        return self.components[index]

    def __add__(self, other):
        return Vector(*[a + b for a, b in zip(self.components, other.components)])

    def __mul__(self, k):
        return Vector(*[k * a for a in self.components])

    __rmul__ = __mul__

    def __eq__(self, other):
        return isinstance(other, Vector) and self.components == other.components

    def __hash__(self):
        return hash(tuple(self.components))

    def __repr__(self):
        return f"Vector{tuple(self.components)}"

    def __bool__(self):
        return any(self.components)

    def __call__(self, scale):
        return self * scale

    def __contains__(self, item):
        return item in self.components

    def __neg__(self):
        return self * -1


v, w = Vector(1, 2), Vector(3, 4)
print(v + w, v * 3, 2 * v, -v, v(10), len(v), v[1], list(v), 2 in v, 5 in v)
print(v == Vector(1, 2), v == w, v != w, bool(Vector(0, 0)), bool(v), {v: "v"}[Vector(1, 2)])
for component in w:
    print("component", component)


class Dataset:
    def __init__(self, n):
        self.data = [i * i for i in range(n)]

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        if idx >= len(self.data):
            raise IndexError("index out of range")
        return self.data[idx], idx % 2


ds = Dataset(4)
print(len(ds), ds[2], list(ds), [x for x, label in ds if label])


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(3)), sum(Countdown(4)))


class StopTraining(Exception):
    pass


class EarlyStop(StopTraining):
    def __init__(self, epoch, loss):
        super().__init__(f"stopped at epoch {epoch}")
        self.epoch = epoch
        self.loss = loss


def train(epochs):
    log = []
    try:
        for epoch in range(epochs):
            log.append(epoch)
            if epoch == 2:
                raise EarlyStop(epoch, 0.5)
    except StopTraining as stop:
        log.append(f"caught {stop} ({type(stop).__name__}, epoch {stop.epoch}, args {stop.args})")
    else:
        log.append("finished")
    finally:
        log.append("cleanup")
    return log


print(train(5))
print(train(2))


def risky(x):
    try:
        return 10 / x
    except ZeroDivisionError:
        return float("inf")
    finally:
        print("risky done with", x)


print(risky(2), risky(0))
try:
    try:
        {}["missing"]
    except KeyError as error:
        raise ValueError("lookup failed") from error
except ValueError as error:
    print(repr(error), repr(error.__cause__) if hasattr(error, "__cause__") else "")
try:
    raise EarlyStop(7, 0.1)
except Exception as error:
    print(isinstance(error, StopTraining), isinstance(error, Exception), error.epoch, str(error))
try:
    [][1]
except (KeyError, IndexError) as error:
    print("lookup error:", type(error).__name__, error)
try:
    raise StopTraining
except StopTraining as error:
    print("bare class:", repr(error), error.args)


class Timer:
    def __init__(self, name):
        self.name = name
        self.entered = False

    def __enter__(self):
        self.entered = True
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return exc_type is ValueError


with Timer("a") as timer:
    print("inside", timer.entered)
with Timer("b"):
    raise ValueError("swallowed")
print("after b")
try:
    with Timer("c"), Timer("d"):
        raise KeyError("kept")
except KeyError as error:
    print("KeyError", error)


def logged(function):
    def wrapper(*args, **kwargs):
        print("calling", function.__name__, args, kwargs)
        return function(*args, **kwargs)
    return wrapper


def repeat(times):
    def decorate(function):
        def wrapper(*args):
            return [function(*args) for _ in range(times)]
        return wrapper
    return decorate


@logged
def add(a, b=1):
    return a + b


@repeat(3)
def hello(name):
    return "hi " + name


print(add(2, b=5), hello("ann"))


def counter():
    count = 0

    def increment():
        nonlocal count
        count += 1
        return count
    return increment


c = counter()
print(c(), c(), c())


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B" + super().who()


class C(A):
    def who(self):
        return "C" + super().who()


class D(B, C):
    def who(self):
        return "D" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])


class Config:
    """Settings for a run."""
    lr = 0.1

    def __init__(self, **options):
        for key, value in options.items():
            setattr(self, key, value)


cfg = Config(epochs=5, batch=32)
print(cfg.lr, cfg.epochs, cfg.batch, Config.__doc__, Config.__name__)
print(sorted([Vector(3), Vector(1)], key=lambda v: v[0]))
squares = {n: n * n for n in range(4)}
print(squares, squares.keys(), list(squares.values()), squares.items())
print({k for k in "hello"} == set("hello"))

def load(d):
    try:
        return d["w"]
    except KeyError as e:
        raise ValueError("no weights") from e


load({})

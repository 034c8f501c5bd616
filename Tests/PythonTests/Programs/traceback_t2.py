class StopTraining(Exception):
    pass


def train():
    try:
        raise StopTraining("epoch 3")
    finally:
        print("cleanup")


train()

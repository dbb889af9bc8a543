"""The app starts and its main pages answer, on every database under test."""


def test_home_lists_arenas(client, make):
    arena = make.arena("Järva")
    make.cycle(arena, phase="voting")
    response = client.get("/")
    assert response.status_code == 200
    assert "Järva" in response.get_data(as_text=True)

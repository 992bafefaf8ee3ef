from jet_desktop.domain.gebruikersnaam import is_geldig, uit_naam


def test_sign_in_names_from_dutch_and_other_names():
    bezet = set()
    assert uit_naam("Anouk de Vries", bezet) == "anouk.devries"
    assert uit_naam("Anouk de Vries", bezet) == "anouk.devries2"  # unique
    assert uit_naam("Şeyma Yıldız", bezet) == "seyma.yildiz"
    assert uit_naam("Łucja Żak", bezet) == "lucja.zak"
    assert uit_naam("Jan-Willem van 't Hof", bezet) == "jan.willemvanthof"
    assert all(is_geldig(n) for n in bezet)
    assert not is_geldig("A") and not is_geldig("met spatie")

package io.timeflow.plugin.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.timeflow.platform.crypto.Resealer;
import io.timeflow.platform.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Moves the sealed values of plugin objects, and of the results upgrades recorded for them, to the
 * active data-encryption key during a key rotation (ADR 0090). A sealed value is found where it lies in
 * the document; the place is the JSON pointer its associated data names, so it is opened and sealed
 * again for the same object and field. Rows keep their version: an object written meanwhile from an
 * older read is found and moved again by the next pass.
 */
@ApplicationScoped
public class ObjectResealer implements Resealer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager em;
    private final SecretCipher cipher;

    @Inject
    public ObjectResealer(EntityManager em, SecretCipher cipher) {
        this.em = em;
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "plugin objects and upgrade results";
    }

    @Override
    public int reseal(Collection<String> keyIds, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int changed = 0;
            var objects = em.createNativeQuery("select id, plugin_id, cast(data as text) from plugin_object where "
                    + Resealer.likeAny("data", keyIds) + " order by id limit " + limit + " for update skip locked");
            bind(objects, keyIds);
            for (Object r : objects.getResultList()) {
                Object[] row = (Object[]) r;
                String resealed = reseal((String) row[1], (UUID) row[0], (String) row[2], keyIds);
                changed += em.createNativeQuery("update plugin_object set data = cast(?1 as jsonb) where id = ?2")
                        .setParameter(1, resealed).setParameter(2, row[0]).executeUpdate();
            }
            var results = em.createNativeQuery("select o.upgrade_id, o.object_id, u.plugin_id, cast(o.result as text)"
                    + " from upgrade_object o join upgrade u on u.id = o.upgrade_id where "
                    + Resealer.likeAny("o.result", keyIds) + " order by o.upgrade_id, o.object_id limit " + limit
                    + " for update of o skip locked");
            bind(results, keyIds);
            for (Object r : results.getResultList()) {
                Object[] row = (Object[]) r;
                String resealed = reseal((String) row[2], (UUID) row[1], (String) row[3], keyIds);
                changed += em.createNativeQuery(
                        "update upgrade_object set result = cast(?1 as jsonb) where upgrade_id = ?2 and object_id = ?3")
                        .setParameter(1, resealed).setParameter(2, row[0]).setParameter(3, row[1]).executeUpdate();
            }
            return changed;
        });
    }

    private static void bind(jakarta.persistence.Query query, Collection<String> keyIds) {
        List<String> patterns = Resealer.likeParameters(keyIds);
        for (int i = 0; i < patterns.size(); i++) {
            query.setParameter(i + 1, patterns.get(i));
        }
    }

    /** The document with every value sealed with one of {@code keyIds} sealed again with the active key. */
    String reseal(String pluginId, UUID objectId, String json, Collection<String> keyIds) throws JsonProcessingException {
        JsonNode root = JSON.readTree(json);
        JsonNode out = walk(pluginId, objectId, root, "", keyIds);
        return JSON.writeValueAsString(out);
    }

    private JsonNode walk(String pluginId, UUID objectId, JsonNode node, String pointer, Collection<String> keyIds) {
        if (node.isTextual()) {
            String id = SecretCipher.keyIdOf(node.asText()).orElse(null);
            if (id != null && keyIds.contains(id)) {
                return TextNode.valueOf(cipher.reseal(node.asText(), ObjectSealer.aad(pluginId, objectId, pointer)));
            }
            return node;
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                f.setValue(walk(pluginId, objectId, f.getValue(), pointer + "/" + escape(f.getKey()), keyIds));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, walk(pluginId, objectId, array.get(i), pointer + "/" + i, keyIds));
            }
        }
        return node;
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
